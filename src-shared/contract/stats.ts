/**
 * stats.summary's result (issue 12 "Reports"): the figures of a period that are not per day —
 * failures by their code, traffic per gateway, and what became of the period's appointments.
 * Counts are of status changes, as in stats.daily: one recipient that failed twice is two
 * failures, so these add up to stats.daily's totals.
 */

/** Failures of the period with one code, most first. */
export interface FailureCount {
  /**
   * The failure's code: a gateway's (`cms-500`, `no-network`, `smtp-550` …), a delivery
   * report's (`status-41`), or one of the app's own (`expired`, `interrupted`, `maybe-sent`).
   * Null for a failure logged before codes were kept (migration 013) whose code is lost.
   */
  code: string | null;
  count: number;
}

/** One gateway's status changes in the period. */
export interface GatewayFigures {
  /** The gateway's id; null for changes no gateway made (an expiry before any send). */
  gateway: string | null;
  /** Its name on the gateway panel, or null when it is no longer known. */
  name: string | null;
  sent: number;
  delivered: number;
  failed: number;
  received: number;
}

/**
 * The appointments due in the period (not cancelled) and how far each got: at least one reminder
 * reached the phone network (`reminded`), the patient confirmed (by a reply or a nurse, at any
 * time), the visit was marked attended or missed. A cohort, so each figure is at most
 * `appointments`; stats.daily counts the same events by the day they happened instead.
 */
export interface AppointmentFunnel {
  appointments: number;
  reminded: number;
  confirmed: number;
  attended: number;
  missed: number;
}

export interface StatsSummary {
  failedByReason: FailureCount[];
  gateways: GatewayFigures[];
  funnel: AppointmentFunnel;
}
