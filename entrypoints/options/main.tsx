import { render } from 'preact';
import { OptionsPage } from '@/components/options/OptionsPage';
import { createOptionsApi } from '@/lib/panel/options-api';
import '@/components/options/options.css';

render(<OptionsPage api={createOptionsApi()} />, document.getElementById('app')!);
