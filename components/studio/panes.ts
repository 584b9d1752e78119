/**
 * Studio's panes, in tab order. A pane is a plain component taking StudioPaneProps (the
 * seam in lib/studio/contract.ts); the shell owns files, drafts, compile and language.
 * Other parts of Studio (publish, anchors) add themselves to this list.
 */
import type { ComponentType } from 'preact';
import type { StudioPaneProps } from '@/lib/studio/contract';
import { EditPane } from './EditPane';
import { FormPane } from './FormPane';
import { PreviewPane } from './PreviewPane';
import { MapPane } from './MapPane';
import { DiffPane } from './DiffPane';
import { AnchorsPane } from './anchors/AnchorsPane';
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
  { id: 'form', label: { zh: '表单', en: 'Form' }, component: FormPane },
  { id: 'preview', label: { zh: '预览', en: 'Preview' }, component: PreviewPane },
  { id: 'map', label: { zh: '流程图', en: 'Map' }, component: MapPane },
  { id: 'diff', label: { zh: '对比', en: 'Diff' }, component: DiffPane },
  { id: 'anchors', label: { zh: '锚点', en: 'Anchors' }, component: AnchorsPane },
  { id: 'publish', label: { zh: '发布', en: 'Publish' }, component: PublishPane },
];
