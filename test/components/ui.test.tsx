import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useCommand, useQuery } from '../../renderer/app/hooks.ts';
import { toast } from '../../renderer/state/toasts.ts';
import { Button, Dialog, StatusBadge, ToastViewport, VirtualList } from '../../renderer/ui/index.ts';
import { createBackend, renderWithClient, resetAll } from './harness.tsx';
import { setLanguage } from '../../renderer/i18n/index.ts';

afterEach(resetAll);

describe('shared UI', () => {
  it('Toast: runs its Undo action once and closes', async () => {
    const user = userEvent.setup();
    const undo = vi.fn();
    render(<ToastViewport />);
    act(() => {
      toast.info('Contact deleted', { action: { label: 'Undo', run: undo } });
    });
    const region = screen.getByRole('region', { name: 'Notifications' });
    expect(within(region).getByRole('status').textContent).toContain('Contact deleted');
    await user.click(within(region).getByRole('button', { name: 'Undo' }));
    expect(undo).toHaveBeenCalledTimes(1);
    expect(within(region).queryByRole('status')).toBeNull();
  });

  it('Dialog: named by its title, focus inside, Escape closes and gives focus back', async () => {
    const user = userEvent.setup();
    function Harness() {
      const [open, setOpen] = useState(false);
      return (
        <>
          <Button onClick={() => setOpen(true)}>Delete</Button>
          <Dialog open={open} title="Delete contact?" onClose={() => setOpen(false)} footer={<Button onClick={() => setOpen(false)}>Keep</Button>}>
            <p>Amina will be removed.</p>
          </Dialog>
        </>
      );
    }
    render(<Harness />);
    const opener = screen.getByRole('button', { name: 'Delete' });
    await user.click(opener);
    const dialog = screen.getByRole('dialog', { name: 'Delete contact?' });
    expect(dialog.contains(document.activeElement)).toBe(true);
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(opener);
  });

  it('VirtualList: renders a screenful of 100,000 rows and asks for more at the end', async () => {
    const onEnd = vi.fn();
    const items = Array.from({ length: 100_000 }, (_, i) => i);
    render(<VirtualList label="Numbers" items={items} getKey={(n) => n} estimateSize={40} renderItem={(n) => <span>Row {n}</span>} onEndReached={onEnd} />);
    const list = screen.getByRole('list', { name: 'Numbers' });
    const rows = within(list).getAllByRole('listitem');
    expect(rows.length).toBeGreaterThan(5);
    expect(rows.length).toBeLessThan(60);
    expect(rows[0]?.getAttribute('aria-setsize')).toBe('100000');
    expect(onEnd).not.toHaveBeenCalled();

    const short = [1, 2, 3];
    render(<VirtualList label="Short" items={short} getKey={(n) => n} estimateSize={40} renderItem={(n) => <span>Item {n}</span>} onEndReached={onEnd} />);
    expect(onEnd).toHaveBeenCalledTimes(1);
  });

  it('StatusBadge: says the status, the reason of a failure and the flags', () => {
    render(
      <>
        <StatusBadge status="outbox" />
        <StatusBadge status="failed" reason="SIM has no credit." flags={['possible-duplicate']} />
      </>,
    );
    expect(screen.getByText('Queued')).toBeTruthy();
    expect(screen.getByText('Failed: SIM has no credit.')).toBeTruthy();
    expect(screen.getByText('Possible duplicate')).toBeTruthy();
  });

  it('useCommand toasts a rejected call with the backend message; useQuery keeps it for inline display', async () => {
    const user = userEvent.setup();
    const backend = createBackend({
      'gateways.start': () => {
        throw new Error('The port is busy.');
      },
      'groups.list': () => [{ id: 1, name: 'Antenatal', memberCount: 3 }],
    });
    function Harness() {
      const start = useCommand('gateways.start');
      const groups = useQuery('groups.list', {});
      return (
        <>
          <Button onClick={() => void start.run({ id: 'modem:/dev/ttyUSB0' })}>Start</Button>
          {start.error && <p>Inline: {start.error.message}</p>}
          <p>{groups.data ? `${groups.data.length} group` : 'loading'}</p>
          <ToastViewport />
        </>
      );
    }
    renderWithClient(<Harness />, backend);
    await screen.findByText('1 group');
    await user.click(screen.getByRole('button', { name: 'Start' }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('The port is busy.'));
    expect(screen.getByText('Inline: The port is busy.')).toBeTruthy();
  });
});

describe('StatusBadge failure reasons', () => {
  it('words a delivery report’s status for a nurse, in her language, and keeps the backend’s words for codes without their own', async () => {
    const { unmount } = render(<StatusBadge status="failed" reason="Not delivered: SM validity period expired" code="status-46" />);
    expect(screen.getByText('Failed: The network did not deliver it within the time allowed (the phone may be off). Check the number and send again.')).toBeTruthy();
    unmount();
    render(<StatusBadge status="failed" reason="The SIM has no credit." code="cms-500" />);
    expect(screen.getByText('Failed: The SIM has no credit.')).toBeTruthy();
    await setLanguage('sw');
    render(<StatusBadge status="failed" reason="Not delivered: SM does not exist" code="status-49" />);
    expect(screen.getByText('Imeshindwa: Mtandao haukuweza kuufikisha kwenye namba hii. Hakikisha namba.')).toBeTruthy();
    await setLanguage('en');
  });
});
