/**
 * Entry point: i18n, then the connection (host/connect.ts picks the Electron bridge or the
 * headless WebSocket), then the app. The renderer never learns which host it is in.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { KEY_RECOVERY_QUERY, type UjumbeBridge } from '../src-shared/rpc/bridge.ts';
import { App } from './app/App.tsx';
import { KeyRecovery } from './app/KeyRecovery.tsx';
import { Startup } from './app/Startup.tsx';
import { connection, connectToBackend } from './host/connect.ts';
import { initI18n } from './i18n/index.ts';
import './styles.css';

initI18n(navigator.language);

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element.');
const root = createRoot(container);

// The desktop app's key-recovery page (electron/main/key-recovery-window.ts): no backend runs yet.
const bridge = (window as { ujumbe?: UjumbeBridge }).ujumbe;
if (new URLSearchParams(location.search).has(KEY_RECOVERY_QUERY) && bridge) {
  root.render(
    <StrictMode>
      <KeyRecovery recoverKey={(code) => bridge.recoverKey(code)} />
    </StrictMode>,
  );
} else {
  startApp();
}

function startApp(): void {
  root.render(<Startup connection={connection} error={null} />);

  connectToBackend().then(
    (client) => {
      root.render(
        <StrictMode>
          <App client={client} connection={connection} />
        </StrictMode>,
      );
    },
    (err: unknown) => {
      root.render(<Startup connection={connection} error={err instanceof Error ? err.message : String(err)} />);
    },
  );
}
