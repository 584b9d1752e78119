/**
 * Studio's panes, in tab order. A pane is a plain component taking StudioPaneProps (the
 * seam in lib/studio/contract.ts); the shell owns files, drafts, compile and language.
 * Other parts of Studio (publish, anchors) add themselves to this list.
 */
import type { ComponentType } from 'preact';
import type { StudioPaneProps } from '@/lib/studio/contract';
import { EditPane } from './EditPane';
import { PreviewPane } from './PreviewPane';
import { PublishPane } from './publish/PublishPane';

export interface StudioPane {
  /** Stable id: used in the URL hash (#preview) and test ids (studio-tab-preview). */
  id: string;
  /** The tab's label in each UI language. */
  label: { zh: string; en: string };
  component: ComponentType<StudioPaneProps>;
}

export const PANES: StudioPane[] = [
  { id: 'edit', label: { zh: '编辑', en: 'Edit' }, component: EditPane },
  { id: 'preview', label: { zh: '预览', en: 'Preview' }, component: PreviewPane },
  { id: 'publish', label: { zh: '发布', en: 'Publish' }, component: PublishPane },
];
