import { useId } from 'react'
import {
  DEFAULT_SETTINGS,
  FONTS,
  LIMITS,
  THEMES,
  type Settings,
  type SettingsChange,
} from '../../../shared/settings'
import { THEME_LABELS } from '../../../shared/themes'
import { Dialog } from '../components/Dialog'
import { FONT_LABELS } from './appearance'

interface Props {
  settings: Settings
  onChange: (change: SettingsChange) => void
  onClose: () => void
}

function Choice<T extends string>({
  legend,
  name,
  options,
  labels,
  value,
  onPick,
}: {
  legend: string
  name: string
  options: readonly T[]
  labels: Record<T, string>
  value: T
  onPick: (value: T) => void
}) {
  return (
    <fieldset className="choice">
      <legend>{legend}</legend>
      <div className="choice-options">
        {options.map((option) => (
          <label key={option} className={`choice-option option-${option}`}>
            <input
              type="radio"
              name={name}
              value={option}
              checked={value === option}
              onChange={() => onPick(option)}
            />
            <span>{labels[option]}</span>
          </label>
        ))}
      </div>
    </fieldset>
  )
}

function Slider({
  label,
  value,
  limits,
  unit,
  shortUnit,
  format = String,
  onChange,
}: {
  label: string
  value: number
  limits: { min: number; max: number; step: number }
  unit: string
  /** The unit as shown beside the value: `px`, `×`, `characters`. */
  shortUnit: string
  format?: (n: number) => string
  onChange: (n: number) => void
}) {
  const id = useId()
  return (
    <div className="slider">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="range"
        min={limits.min}
        max={limits.max}
        step={limits.step}
        value={value}
        aria-valuetext={`${format(value)} ${unit}`}
        onChange={(e) => onChange(Number(e.target.value))}
      />
      <output htmlFor={id}>
        {format(value)}
        {shortUnit === '×' ? shortUnit : ` ${shortUnit}`}
      </output>
    </div>
  )
}

/** Theme and typography; every change shows at once and is kept (`Ctrl+,`). */
export function SettingsPanel({ settings, onChange, onClose }: Props) {
  return (
    <Dialog title="Reading settings" onClose={onClose} className="settings-panel">
      <Choice
        legend="Theme"
        name="theme"
        options={THEMES}
        labels={THEME_LABELS}
        value={settings.theme}
        onPick={(theme) => onChange({ theme })}
      />
      <Choice
        legend="Font"
        name="font"
        options={FONTS}
        labels={FONT_LABELS}
        value={settings.font}
        onPick={(font) => onChange({ font })}
      />
      <Slider
        label="Text size"
        value={settings.fontSize}
        limits={LIMITS.fontSize}
        unit="pixels"
        shortUnit="px"
        onChange={(fontSize) => onChange({ fontSize })}
      />
      <Slider
        label="Line height"
        value={settings.lineHeight}
        limits={LIMITS.lineHeight}
        unit="times the text size"
        shortUnit="×"
        format={(n) => n.toFixed(1)}
        onChange={(lineHeight) => onChange({ lineHeight: Math.round(lineHeight * 10) / 10 })}
      />
      <Slider
        label="Column width"
        value={settings.columnWidth}
        limits={LIMITS.columnWidth}
        unit="characters"
        shortUnit="characters"
        onChange={(columnWidth) => onChange({ columnWidth })}
      />
      <div className="dialog-actions">
        <button
          type="button"
          className="small-button"
          onClick={() => {
            const { panes: _panes, ...typography } = DEFAULT_SETTINGS
            onChange(typography)
          }}
        >
          Reset theme and text
        </button>
      </div>
    </Dialog>
  )
}
