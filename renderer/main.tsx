/**
 * Entry point: i18n, then the connection (host/connect.ts picks the Electron bridge or the
 * headless WebSocket), then the app. The renderer never learns which host it is in.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.tsx';
import { Startup } from './app/Startup.tsx';
import { connection, connectToBackend } from './host/connect.ts';
import { initI18n } from './i18n/index.ts';
import './styles.css';

initI18n(navigator.language);

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element.');
const root = createRoot(container);

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
