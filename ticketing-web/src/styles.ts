import { css } from 'lit';

/**
 * The look shared by every component, in CSS custom properties a host sets on the element or any
 * ancestor (they inherit through the shadow root). The defaults meet WCAG AA contrast on white.
 */
export const base = css`
  :host {
    --_font: var(--ticketing-font, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    --_text: var(--ticketing-color-text, #1f2328);
    --_muted: var(--ticketing-color-muted, #57606a);
    --_bg: var(--ticketing-color-bg, #ffffff);
    --_surface: var(--ticketing-color-surface, #f6f8fa);
    --_border: var(--ticketing-color-border, #8c959f);
    --_accent: var(--ticketing-color-accent, #0a58ca);
    --_accent-text: var(--ticketing-color-accent-text, #ffffff);
    --_focus: var(--ticketing-color-focus, #0a58ca);
    --_danger: var(--ticketing-color-danger, #b42318);
    --_ok: var(--ticketing-color-ok, #1a7f37);
    --_warn: var(--ticketing-color-warning, #9a6700);
    --_internal-bg: var(--ticketing-color-internal-bg, #fff8c5);
    --_internal-border: var(--ticketing-color-internal-border, #9a6700);
    --_radius: var(--ticketing-radius, 6px);
    --_space: var(--ticketing-space, 0.5rem);
    display: block;
    font-family: var(--_font);
    color: var(--_text);
    background: var(--_bg);
    font-size: var(--ticketing-font-size, 1rem);
    line-height: 1.45;
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  :focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
  h2,
  h3 {
    margin: 0 0 var(--_space);
    line-height: 1.2;
  }
  h2 {
    font-size: 1.25rem;
  }
  h3 {
    font-size: 1.05rem;
  }
  button,
  input,
  select,
  textarea {
    font: inherit;
    color: inherit;
  }
  button {
    cursor: pointer;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
    padding: calc(var(--_space) * 0.6) calc(var(--_space) * 1.4);
  }
  button.primary {
    background: var(--_accent);
    border-color: var(--_accent);
    color: var(--_accent-text);
  }
  button:disabled {
    cursor: not-allowed;
    opacity: 0.7;
  }
  input,
  select,
  textarea {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
    padding: calc(var(--_space) * 0.6);
  }
  label {
    display: flex;
    flex-direction: column;
    gap: 0.2rem;
    font-size: 0.9rem;
  }
  .muted {
    color: var(--_muted);
  }
  .error {
    color: var(--_danger);
  }
  .badge {
    display: inline-block;
    padding: 0 0.45rem;
    border-radius: 999px;
    border: 1px solid currentColor;
    font-size: 0.8rem;
    white-space: nowrap;
  }
  .sla-breached {
    color: var(--_danger);
  }
  .sla-warning {
    color: var(--_warn);
  }
  .sla-ok {
    color: var(--_ok);
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space);
    align-items: flex-end;
  }
`;
