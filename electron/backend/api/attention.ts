/** attention.*: the "Needs attention" list of replies (replies/reply-service.ts); without users yet (issue 13), "who" is the host. */
import type { AreaHandlers, HandlerContext } from './context.ts';

export function attentionHandlers({ backend, options }: HandlerContext): AreaHandlers<'attention'> {
  const by = options.host === 'electron' ? 'the desktop app' : 'the browser';
  return {
    'attention.list': () => ({ items: backend.store.attention.open() }),
    'attention.done': ({ messageId }) => ({ done: backend.replies.markDone(messageId, by) }),
  };
}
