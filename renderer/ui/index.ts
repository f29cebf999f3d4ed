/** Shared UI building blocks: see README.md for props and conventions. */
export { Button, type ButtonProps } from './Button.tsx';
export { TextField, TextArea, FieldMessages, type TextFieldProps, type TextAreaProps } from './TextField.tsx';
export { Chip, type ChipProps } from './Chip.tsx';
export { DataTable, type DataTableProps } from './DataTable.tsx';
export { Dialog, type DialogProps } from './Dialog.tsx';
export { FormDialog, type FormDialogProps } from './FormDialog.tsx';
export { ToastViewport } from './Toast.tsx';
export { StatusBadge, type StatusBadgeProps } from './StatusBadge.tsx';
export { EmptyState, type EmptyStateProps } from './EmptyState.tsx';
export { LoadError, type LoadErrorProps } from './LoadError.tsx';
export { ProgressBar, type ProgressBarProps } from './ProgressBar.tsx';
export { VirtualList, type VirtualListProps } from './VirtualList.tsx';
export { formatWhen } from './format.ts';
