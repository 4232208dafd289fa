import { useCallback, useEffect, useState } from 'react';

export type Theme = 'light' | 'dark';

/** Light/dark theme on <html class="dark">, remembered in localStorage. */
export function useTheme(): { theme: Theme; toggle: () => void } {
  const [theme, setTheme] = useState<Theme>(() => (document.documentElement.classList.contains('dark') ? 'dark' : 'light'));
  useEffect(() => {
    document.documentElement.classList.toggle('dark', theme === 'dark');
    try {
      localStorage.setItem('insightx-theme', theme);
    } catch {
      // Storage may be off (private mode); the theme still applies for this visit.
    }
  }, [theme]);
  const toggle = useCallback(() => setTheme((current) => (current === 'dark' ? 'light' : 'dark')), []);
  return { theme, toggle };
}
