import { Input, Text, Textarea } from '@tarojs/components';

interface Common {
  /** Shown above the box; also what a screen reader says, unless `name` says it shorter. */
  readonly label: string;
  readonly name?: string;
  /** Added to the box itself (xz-input or xz-textarea), for its own styling and for tests. */
  readonly className?: string;
  readonly value: string;
  readonly maxlength: number;
  readonly placeholder?: string;
  readonly onChange: (value: string) => void;
}

type Props =
  | (Common & {
      readonly multiline?: false;
      readonly type?: 'text' | 'number' | 'digit';
      readonly confirmType?: 'search' | 'done';
      readonly onConfirm?: () => void;
    })
  | (Common & { readonly multiline: true });

/**
 * A labelled text box, one line or several: the label in large type above it, and the same words as
 * the box's accessible name, so a screen reader says what goes in it.
 */
export default function TextField(props: Props) {
  const { label, name, className, value, maxlength, placeholder, onChange } = props;
  const named = { 'aria-label': name ?? label };
  return (
    <>
      <Text className='xz-label'>{label}</Text>
      {props.multiline ? (
        <Textarea
          className={`xz-textarea${className ? ` ${className}` : ''}`}
          value={value}
          maxlength={maxlength}
          placeholder={placeholder}
          nativeProps={named}
          onInput={(e) => onChange(e.detail.value)}
        />
      ) : (
        <Input
          className={`xz-input${className ? ` ${className}` : ''}`}
          type={props.type}
          value={value}
          maxlength={maxlength}
          placeholder={placeholder}
          confirmType={props.confirmType}
          nativeProps={named}
          onInput={(e) => onChange(e.detail.value)}
          onConfirm={props.onConfirm}
        />
      )}
    </>
  );
}
