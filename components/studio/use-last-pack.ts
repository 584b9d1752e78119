/** The last pack that compiled: the preview, map and completion keep working while a file is broken. */
import { useRef } from 'preact/hooks';
import type { CompileResult } from '@/lib/pack/authoring/compile';
import type { Pack } from '@/lib/pack/schema';

export function useLastPack(compiled: CompileResult): Pack | undefined {
  const last = useRef<Pack>();
  if (compiled.ok) last.current = compiled.pack;
  return last.current;
}
