/**
 * One labelled form row: the label in the left column, the control, its help below, and the
 * error (naming what is wrong) tied to the control with aria-describedby / aria-invalid.
 */
import type { ComponentChildren } from 'preact';
import { cloneElement, isValidElement } from 'preact';

interface Props {
  id: string;
  label: string;
  help?: string;
  error?: string;
  /** The control; it gets the id, aria-invalid and aria-describedby. */
  children: ComponentChildren;
  /** Shown right after the control (a button that stands in for it). */
  after?: ComponentChildren;
}

export function Field({ id, label, help, error, children, after }: Props) {
  const described = [help && `${id}-help`, error && `${id}-error`].filter(Boolean).join(' ') || undefined;
  const control = isValidElement(children)
    ? cloneElement(children, { id, 'aria-invalid': error ? 'true' : undefined, 'aria-describedby': described })
    : children;
  return (
    <div class={`cc-o-field${error ? ' cc-o-field--invalid' : ''}`}>
      <label class="cc-o-field__label" for={id}>
        {label}
      </label>
      <div class="cc-o-field__body">
        {control}
        {after}
        {help && (
          <p class="cc-o-help" id={`${id}-help`}>
            {help}
          </p>
        )}
        {error && (
          <p class="cc-o-field__error" id={`${id}-error`} role="alert" data-testid={`${id}-error`}>
            {error}
          </p>
        )}
      </div>
    </div>
  );
}
