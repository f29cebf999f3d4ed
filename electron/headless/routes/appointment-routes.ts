/**
 * /api/v1/appointments, /api/v1/templates, /api/v1/reminder-plans (issue 11): the routes other
 * clinic systems call exactly as the issue spells them, each a thin translation to a contract
 * command (validation, limits and errors are the contract's).
 */
import type { AppointmentDto } from '../../../src-shared/contract/dto.ts';
import { HttpError } from '../api-errors.ts';
import { numberish, type Route } from './route.ts';

/** The public view: the appointment, its patient, and each reminder's time, status and text. */
export function appointmentView(a: AppointmentDto) {
  return {
    id: a.id,
    status: a.status,
    start: a.start,
    service: a.service,
    location: a.location,
    externalId: a.externalId,
    patient: { name: a.patient.name, phone: a.patient.phone, language: a.patient.language },
    reminders: a.reminders.map((r) => ({ sendAt: r.sendAt, status: r.status, text: r.text })),
  };
}

function objectBody(body: unknown, shape: string): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new HttpError(400, 'invalid-params', `The body must be a JSON object: ${shape}.`);
  return body as Record<string, unknown>;
}

export const APPOINTMENT_ROUTES: readonly Route[] = [
  {
    method: 'POST',
    pattern: /^\/appointments$/,
    command: 'appointments.book',
    async run(ctx) {
      const body = objectBody(await ctx.readBody(), '{ "patient": { "name", "phone" }, "start": ISO 8601 }');
      const booked = await ctx.client.callUntrusted('appointments.book', body);
      // The same appointment again (an import repeated): 200 with what is there, nothing new.
      return { status: booked.created ? 201 : 200, headers: { Location: `/api/v1/appointments/${booked.id}` }, body: appointmentView(booked) };
    },
  },
  {
    method: 'GET',
    pattern: /^\/appointments$/,
    command: 'appointments.list',
    async run(ctx) {
      const status = ctx.query.get('status');
      const page = await ctx.client.callUntrusted('appointments.list', { from: ctx.query.get('from') ?? undefined, to: ctx.query.get('to') ?? undefined, ...(status === null ? {} : { status }) });
      return { status: 200, body: { items: page.items.map(appointmentView) } };
    },
  },
  {
    method: 'GET',
    pattern: /^\/appointments\/([^/]+)$/,
    command: 'appointments.get',
    async run(ctx, match) {
      return { status: 200, body: appointmentView(await ctx.client.callUntrusted('appointments.get', { id: numberish(match[1] ?? '') })) };
    },
  },
  {
    method: 'PATCH',
    pattern: /^\/appointments\/([^/]+)$/,
    command: 'appointments.update',
    async run(ctx, match) {
      const body = objectBody(await ctx.readBody(), '{ "start"?: ISO 8601, "status"?: "cancelled" | ... }');
      return { status: 200, body: appointmentView(await ctx.client.callUntrusted('appointments.update', { ...body, id: numberish(match[1] ?? '') })) };
    },
  },
  {
    method: 'GET',
    pattern: /^\/templates$/,
    command: 'templates.list',
    async run(ctx) {
      return { status: 200, body: await ctx.client.callUntrusted('templates.list', {}) };
    },
  },
  {
    method: 'GET',
    pattern: /^\/templates\/([^/]+)$/,
    command: 'templates.get',
    async run(ctx, match) {
      return { status: 200, body: await ctx.client.callUntrusted('templates.get', { id: match[1] ?? '' }) };
    },
  },
  {
    method: 'PUT',
    pattern: /^\/templates\/([^/]+)$/,
    command: 'templates.put',
    async run(ctx, match) {
      const body = objectBody(await ctx.readBody(), '{ "name", "variants": { "en": "...", "sw": "..." } }');
      return { status: 200, body: await ctx.client.callUntrusted('templates.put', { ...body, id: match[1] ?? '' }) };
    },
  },
  {
    method: 'DELETE',
    pattern: /^\/templates\/([^/]+)$/,
    command: 'templates.delete',
    async run(ctx, match) {
      await ctx.client.callUntrusted('templates.delete', { id: match[1] ?? '' });
      return { status: 204, body: null };
    },
  },
  {
    method: 'GET',
    pattern: /^\/reminder-plans$/,
    command: 'reminderPlans.list',
    async run(ctx) {
      return { status: 200, body: await ctx.client.callUntrusted('reminderPlans.list', {}) };
    },
  },
  {
    method: 'GET',
    pattern: /^\/reminder-plans\/([^/]+)$/,
    command: 'reminderPlans.get',
    async run(ctx, match) {
      return { status: 200, body: await ctx.client.callUntrusted('reminderPlans.get', { id: match[1] ?? '' }) };
    },
  },
  {
    method: 'PUT',
    pattern: /^\/reminder-plans\/([^/]+)$/,
    command: 'reminderPlans.put',
    async run(ctx, match) {
      const body = objectBody(await ctx.readBody(), '{ "name", "services": [], "steps": [...] }');
      return { status: 200, body: await ctx.client.callUntrusted('reminderPlans.put', { ...body, id: match[1] ?? '' }) };
    },
  },
  {
    method: 'DELETE',
    pattern: /^\/reminder-plans\/([^/]+)$/,
    command: 'reminderPlans.delete',
    async run(ctx, match) {
      await ctx.client.callUntrusted('reminderPlans.delete', { id: match[1] ?? '' });
      return { status: 204, body: null };
    },
  },
];
