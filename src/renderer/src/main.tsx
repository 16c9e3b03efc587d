import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import '@fontsource/literata/400.css'
import '@fontsource/literata/400-italic.css'
import '@fontsource/literata/600.css'
import '@fontsource-variable/atkinson-hyperlegible-next/wght.css'
import './styles.css'
import { DEFAULT_SETTINGS, type Settings } from '../../shared/settings'
import { api } from './api'
import { App } from './App'
import { applyAppearance } from './settings/appearance'

function start(settings: Settings): void {
  // The theme is on the page before anything is drawn, so it never flashes another one.
  applyAppearance(settings)
  createRoot(document.getElementById('root') as HTMLElement).render(
    <StrictMode>
      <App initialSettings={settings} />
    </StrictMode>,
  )
}

api()
  .getSettings()
  .then(start, () => start(DEFAULT_SETTINGS))
