/** The page's location hash without '#', kept current: sections are deep-linkable (options.html#sites). */
import { useEffect, useState } from 'preact/hooks';

const read = () => decodeURIComponent(location.hash.slice(1));

export function useHash(): [string, (next: string) => void] {
  const [hash, setHash] = useState(read);
  useEffect(() => {
    const onChange = () => setHash(read());
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  const go = (next: string) => {
    // Setting location.hash adds a history entry, so Back returns to the previous section.
    if (read() !== next) location.hash = next;
    setHash(next);
  };
  return [hash, go];
}
