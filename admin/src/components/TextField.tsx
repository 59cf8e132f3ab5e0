import { Field, TextInput, type TextInputProps } from '@strapi/design-system';

interface Props extends Pick<TextInputProps, 'type' | 'autoComplete' | 'maxLength' | 'inputMode'> {
  name: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  hint?: string;
  error?: string;
  required?: boolean;
}

/** A labelled text input with its hint, or its error when it has one. */
export const TextField = ({ name, label, hint, error, required, onChange, ...input }: Props) => (
  <Field.Root name={name} hint={hint} error={error} required={required}>
    <Field.Label>{label}</Field.Label>
    <TextInput
      {...input}
      onChange={(e: React.ChangeEvent<HTMLInputElement>) => onChange(e.target.value)}
    />
    <Field.Hint />
    <Field.Error />
  </Field.Root>
);
