import { render } from 'preact';
import { OptionsApp } from '@/components/options/OptionsApp';
import { createOptionsApi } from '@/lib/options/api';
import '@/components/options/options.css';

// The settings page, and the first-run welcome at #welcome (opened on install).
render(<OptionsApp api={createOptionsApi()} />, document.getElementById('app')!);
