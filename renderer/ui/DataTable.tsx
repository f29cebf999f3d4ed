/**
 * A table of records (Users, API keys, the audit trail): scrolls sideways inside its own box on a
 * narrow window, its caption is read by screen readers only, and every column has a header cell.
 * The rows are the caller's (`<tr>` elements; a row's name cell is a `<th scope="row">`).
 */
import type { ReactNode } from 'react';

export interface DataTableProps {
  /** What the table lists, for screen readers. */
  caption: string;
  /** The column headers, in order. */
  columns: readonly string[];
  children: ReactNode;
}

export function DataTable({ caption, columns, children }: DataTableProps) {
  return (
    <div className="table-scroll">
      <table className="data-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column} scope="col">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
