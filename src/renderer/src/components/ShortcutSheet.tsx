import { Fragment } from 'react'
import { LOCAL_KEYS, SHORTCUTS, keyParts, type ShortcutGroup } from '../shortcuts'
import { Dialog } from './Dialog'

const GROUPS: ShortcutGroup[] = ['Reading', 'Bookmarks and notes', 'Panes', 'Appearance', 'Help']

function Keys({ keys }: { keys: string[] }) {
  return (
    <>
      {keys.map((key, i) => (
        <Fragment key={key}>
          {i > 0 && <span className="key-or"> or </span>}
          <span className="key-combo">
            {keyParts(key).map((part, j) => (
              <kbd key={j}>{part}</kbd>
            ))}
          </span>
        </Fragment>
      ))}
    </>
  )
}

/** Every shortcut, from the same table the key bindings use (`?`). */
function KeyGroup({
  title,
  rows,
}: {
  title: string
  rows: { label: string; keys: Parameters<typeof Keys>[0]['keys'] }[]
}) {
  return (
    <section aria-label={title}>
      <h3>{title}</h3>
      <dl>
        {rows.map((s) => (
          <div key={s.label}>
            <dt>{s.label}</dt>
            <dd>
              <Keys keys={s.keys} />
            </dd>
          </div>
        ))}
      </dl>
    </section>
  )
}

export function ShortcutSheet({ onClose }: { onClose: () => void }) {
  return (
    <Dialog title="Keyboard shortcuts" onClose={onClose} className="shortcut-sheet">
      <div className="shortcut-groups">
        {GROUPS.map((group) => (
          <KeyGroup key={group} title={group} rows={SHORTCUTS.filter((s) => s.group === group)} />
        ))}
        <KeyGroup title="In one place" rows={LOCAL_KEYS} />
      </div>
    </Dialog>
  )
}
