// Tokens and base styles first, so component styles can build on them.
import './styles/tokens.css';
import './styles/base.css';
import { render } from 'solid-js/web';
import { App } from './app.tsx';

const root = document.getElementById('root');
if (!root) throw new Error('index.html must contain <div id="root">');
render(() => <App />, root);
