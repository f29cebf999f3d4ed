/**
 * Where the keyboard goes when what it was on goes away: after "Use this modem" the offered modem
 * leaves the list (focus to the new modem's card heading); after "Forget" the card goes (focus to
 * the Gateways screen's heading). The screen owns the move (GatewaysScreen), so it happens even
 * when an event removed the button before the command answered (the backend says
 * `gateway.removed` / `gateway.discovery` before it replies).
 */
import { createContext, useContext } from 'react';

export type FocusTarget = { kind: 'heading' } | { kind: 'card'; id: string };

/** Asks the screen to focus a target once it is on the page (a card may appear a render later). */
export type RequestFocus = (target: FocusTarget) => void;

export const GatewaysFocusContext = createContext<RequestFocus>(() => {});

export function useGatewaysFocus(): RequestFocus {
  return useContext(GatewaysFocusContext);
}

/** The element a target names inside the screen, or null while it is not there (yet). */
export function focusTargetElement(root: HTMLElement, target: FocusTarget): HTMLElement | null {
  if (target.kind === 'heading') return root.querySelector<HTMLElement>('h1');
  const card = [...root.querySelectorAll<HTMLElement>('[data-gateway-id]')].find((el) => el.dataset.gatewayId === target.id);
  return card?.querySelector<HTMLElement>('h2') ?? null;
}

/** Focuses an element that is not focusable by itself (a heading), without adding it to the Tab order. */
export function focusElement(el: HTMLElement): void {
  if (!el.hasAttribute('tabindex')) el.tabIndex = -1;
  el.focus();
}
