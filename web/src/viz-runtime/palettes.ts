/**
 * Colour schemes offered by the chart controls (the same names the embedded analyst's chart
 * code knows); the chart also receives the colours themselves as its `palette` prop.
 */
export const PALETTES: Record<string, string[]> = {
  default: ['#4f46e5', '#16a34a', '#ea580c', '#0891b2', '#db2777', '#ca8a04', '#7c3aed', '#dc2626'],
  warm: ['#dc2626', '#ea580c', '#f59e0b', '#ca8a04', '#db2777', '#9f1239'],
  cool: ['#1d4ed8', '#0891b2', '#0d9488', '#4f46e5', '#7c3aed', '#2563eb'],
  mono: ['#111827', '#374151', '#6b7280', '#9ca3af', '#d1d5db'],
};

export const COLOR_SCHEMES = Object.keys(PALETTES);

export function paletteFor(scheme: unknown): string[] {
  return (typeof scheme === 'string' && PALETTES[scheme]) || PALETTES.default;
}
