/**
 * False on the first render, true once that render has been drawn: for content that can wait
 * one frame so the first frame's layout stays short. The switch happens in a task of its own
 * after the frame (a rAF callback still runs before the frame's layout). A frame that draws
 * nothing (hidden, or still 0×0 in a busy page) gets no animation frames: then a timer does it.
 */
import { useEffect, useState } from 'preact/hooks';
import { nextMessage } from '@/lib/panel-page/yield';

const AT_THE_LATEST_MS = 100;

export function useAfterFirstFrame(): boolean {
  const [done, setDone] = useState(false);
  useEffect(() => {
    let live = true;
    const finish = () => {
      if (live) setDone(true);
      live = false;
    };
    const frame = requestAnimationFrame(() => void nextMessage().then(finish));
    const timer = setTimeout(finish, AT_THE_LATEST_MS);
    return () => {
      live = false;
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, []);
  return done;
}
