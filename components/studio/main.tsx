/** Studio's page entry: the backend is whatever served this page (relative `api/…`). */
import { render } from 'preact';
import { httpStudioApi } from '@/lib/studio/api-client';
import { createCompiler } from '@/lib/studio/compile-client';
import { StudioApp } from './StudioApp';
import './studio.css';

const compiler = createCompiler(new URL('compile-worker.js', document.baseURI));
render(<StudioApp api={httpStudioApi()} compiler={compiler} storage={localStorage} />, document.getElementById('studio')!);
