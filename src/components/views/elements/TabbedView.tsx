import React, { useId, useRef, type KeyboardEvent, type ReactNode } from "react";

/** One tab of a {@link TabbedView}. */
export interface Tab<Id extends string> {
    id: Id;
    /** The tab's visible name (also its accessible name). */
    label: string;
    icon?: ReactNode;
    /** Renders the panel (only the active one is rendered). */
    render: () => ReactNode;
}

/** Props of {@link TabbedView}. */
export interface TabbedViewProps<Id extends string> {
    tabs: readonly Tab<Id>[];
    activeTabId: Id;
    onChange: (id: Id) => void;
    /** Accessible name of the tab list. */
    label: string;
}

/**
 * Vertical tabs with a panel, following the ARIA tabs pattern: arrow keys move between tabs,
 * the panel is labelled by its tab.
 */
export function TabbedView<Id extends string>({
    tabs,
    activeTabId,
    onChange,
    label,
}: TabbedViewProps<Id>): React.JSX.Element {
    const baseId = useId();
    const tabRefs = useRef(new Map<Id, HTMLButtonElement>());
    const active = tabs.find((tab) => tab.id === activeTabId) ?? tabs[0];

    const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
        const index = tabs.findIndex((tab) => tab.id === active.id);
        const moves: Record<string, number> = {
            ArrowDown: index + 1,
            ArrowRight: index + 1,
            ArrowUp: index - 1,
            ArrowLeft: index - 1,
            Home: 0,
            End: tabs.length - 1,
        };
        if (!(event.key in moves)) return;
        event.preventDefault();
        const next = tabs[(moves[event.key] + tabs.length) % tabs.length];
        onChange(next.id);
        tabRefs.current.get(next.id)?.focus();
    };

    return (
        <div className="mx_TabbedView">
            <div
                className="mx_TabbedView_tabs"
                role="tablist"
                aria-label={label}
                aria-orientation="vertical"
                onKeyDown={onKeyDown}
            >
                {tabs.map((tab) => {
                    const selected = tab.id === active.id;
                    return (
                        <button
                            key={tab.id}
                            ref={(el) => {
                                if (el) tabRefs.current.set(tab.id, el);
                                else tabRefs.current.delete(tab.id);
                            }}
                            type="button"
                            role="tab"
                            id={`${baseId}-tab-${tab.id}`}
                            aria-selected={selected}
                            aria-controls={`${baseId}-panel-${tab.id}`}
                            tabIndex={selected ? 0 : -1}
                            className="mx_TabbedView_tab"
                            onClick={() => onChange(tab.id)}
                        >
                            {tab.icon}
                            <span>{tab.label}</span>
                        </button>
                    );
                })}
            </div>
            <div
                className="mx_TabbedView_panel"
                role="tabpanel"
                id={`${baseId}-panel-${active.id}`}
                aria-labelledby={`${baseId}-tab-${active.id}`}
                tabIndex={0}
            >
                {active.render()}
            </div>
        </div>
    );
}
