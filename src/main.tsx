import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { setLocale } from './i18n/messages';
import { startFromAddress } from './session/startup';
import { App } from './ui/App';
import './ui/app.css';

setLocale(navigator.language);
const root = document.getElementById('root');
if (root) createRoot(root).render(<StrictMode><App /></StrictMode>);
startFromAddress(location.search);
