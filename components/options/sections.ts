/** The options page's sections, in sidebar order; each id is also its URL hash. */
import type { ComponentType } from 'preact';
import type { MessageKey } from '@/lib/i18n/translate';
import type { NavIconName } from './NavIcon';
import { AboutSection } from './AboutSection';
import { BrokenAnchorsSection } from './BrokenAnchorsSection';
import { FollowUpsSection } from './FollowUpsSection';
import { HubSection } from './HubSection';
import { PacksSection } from './PacksSection';
import { ProfileSection } from './ProfileSection';
import { ShortcutsSection } from './ShortcutsSection';
import { SitesSection } from './SitesSection';

export interface SectionDef {
  id: NavIconName;
  title: MessageKey;
  Component: ComponentType;
}

export const SECTIONS: SectionDef[] = [
  { id: 'profile', title: 'options.section.profile', Component: ProfileSection },
  { id: 'sites', title: 'options.section.sites', Component: SitesSection },
  { id: 'packs', title: 'options.section.packs', Component: PacksSection },
  { id: 'shortcuts', title: 'options.section.shortcuts', Component: ShortcutsSection },
  { id: 'followups', title: 'options.section.followups', Component: FollowUpsSection },
  { id: 'anchors', title: 'options.section.anchors', Component: BrokenAnchorsSection },
  { id: 'hub', title: 'options.section.hub', Component: HubSection },
  { id: 'about', title: 'options.section.about', Component: AboutSection },
];

/** The section a hash names; anything else (an old link, a typo) shows the first. */
export const sectionFor = (hash: string): SectionDef => SECTIONS.find((s) => s.id === hash) ?? SECTIONS[0]!;
