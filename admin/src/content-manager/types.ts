import type { ReactNode } from 'react';

/*
 * The parts of the Content Manager's extension points this plugin uses. `getPlugin()` types a
 * plugin's APIs as `Record<string, unknown>`, and the Content Manager's own types are not exported
 * by `@strapi/strapi/admin`, so these are kept to what the panels and the bulk action read.
 */

/** What an edit-view side panel is given (part of the Content Manager's edit-view context). */
export interface PanelProps {
  model: string;
  documentId?: string;
}

export interface PanelDescription {
  title: string;
  content: ReactNode;
}

export type PanelComponent = (props: PanelProps) => PanelDescription | null;

/** What a list-view bulk action is given: the content type and the selected documents. */
export interface BulkActionProps {
  model: string;
  documents: Array<{ documentId: string; locale?: string | null }>;
}

export interface BulkActionDescription {
  label: string;
  dialog: {
    type: 'modal';
    title: string;
    content: (props: { onClose: () => void }) => ReactNode;
  };
}

export type BulkActionComponent = (props: BulkActionProps) => BulkActionDescription | null;

// A type rather than an interface, so that `Record<string, unknown>` narrows to it.
export type ContentManagerApis = {
  addEditViewSidePanel(panels: PanelComponent[]): void;
  addBulkAction(actions: BulkActionComponent[]): void;
};
