/** Options → Profile: who the agent is (filled into phrases), then language and guidance mode. */
import { PreferencesCard } from './PreferencesCard';
import { ProfileForm } from './ProfileForm';
import { useOptions } from './options-context';

export function ProfileSection() {
  const { t } = useOptions();
  return (
    <>
      <p class="cc-o-intro">{t('options.profile.intro')}</p>
      <section class="cc-o-card">
        <ProfileForm />
      </section>
      <PreferencesCard />
    </>
  );
}
