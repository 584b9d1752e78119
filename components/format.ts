/** Small display formats shared by the switcher, history and countdown. */

const pad = (n: number) => String(n).padStart(2, '0');

/** Local wall-clock time, 24-hour, as contact centres log it: "09:05". */
export function clockTime(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** Whole seconds as m:ss (h:mm:ss from an hour up): "0:09", "12:30", "1:02:03". */
export function duration(totalSeconds: number): string {
  const s = Math.max(0, Math.floor(totalSeconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return h > 0 ? `${h}:${pad(m)}:${pad(s % 60)}` : `${m}:${pad(s % 60)}`;
}
