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
export function ShortcutSheet({ onClose }: { onClose: () => void }) {
  return (
    <Dialog title="Keyboard shortcuts" onClose={onClose} className="shortcut-sheet">
      <div className="shortcut-groups">
        {GROUPS.map((group) => (
          <section key={group} aria-label={group}>
            <h3>{group}</h3>
            <dl>
              {SHORTCUTS.filter((s) => s.group === group).map((s) => (
                <div key={s.action}>
                  <dt>{s.label}</dt>
                  <dd>
                    <Keys keys={s.keys} />
                  </dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
        <section aria-label="In one place">
          <h3>In one place</h3>
          <dl>
            {LOCAL_KEYS.map((s) => (
              <div key={s.label}>
                <dt>{s.label}</dt>
                <dd>
                  <Keys keys={s.keys} />
                </dd>
              </div>
            ))}
          </dl>
        </section>
      </div>
    </Dialog>
  )
}
