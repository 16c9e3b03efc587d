/**
 * Puts the reader's settings on the page: the theme's colours and the typography as CSS custom
 * properties on <html> (set from script, which the Content Security Policy allows), so a change
 * shows at once without re-rendering the article.
 */
import type { FontChoice, Settings } from '../../../shared/settings'
import { THEME_COLORS, resolveTheme, type ThemeName } from '../../../shared/themes'

const FONT_STACKS: Record<FontChoice, string> = {
  literata: "'Literata', Georgia, 'Times New Roman', serif",
  sans: "'Atkinson Hyperlegible Next Variable', 'Atkinson Hyperlegible Next', 'Noto Sans', 'DejaVu Sans', 'Segoe UI', 'Helvetica Neue', Arial, sans-serif",
  system: "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', sans-serif",
}

export const FONT_LABELS: Record<FontChoice, string> = {
  literata: 'Literata (serif)',
  sans: 'Sans serif',
  system: 'System font',
}

const darkQuery = (): MediaQueryList => window.matchMedia('(prefers-color-scheme: dark)')

/** The theme shown for these settings, now. */
export function shownTheme(settings: Settings): ThemeName {
  return resolveTheme(settings.theme, darkQuery().matches)
}

export function applyAppearance(
  settings: Settings,
  root: HTMLElement = document.documentElement,
): void {
  const theme = shownTheme(settings)
  const { style } = root
  for (const [name, value] of Object.entries(THEME_COLORS[theme])) {
    if (name === 'color-scheme') style.setProperty('color-scheme', value)
    else style.setProperty(`--${name}`, value)
  }
  style.setProperty('--reading-font', FONT_STACKS[settings.font])
  style.setProperty('--reading-size', `${settings.fontSize}px`)
  style.setProperty('--reading-leading', String(settings.lineHeight))
  style.setProperty('--reading-measure', `${settings.columnWidth}ch`)
  style.setProperty('--measure-chars', String(settings.columnWidth))
  style.setProperty('--list-width', `${settings.panes.listWidth}px`)
  style.setProperty('--notes-width', `${settings.panes.notesWidth}px`)
  root.dataset.theme = theme
}

/** Calls back when the system switches between light and dark. */
export function onSystemThemeChange(callback: () => void): () => void {
  const query = darkQuery()
  query.addEventListener('change', callback)
  return () => query.removeEventListener('change', callback)
}
