/**
 * Keeps one broken view from blanking the page. React unmounts everything up to the nearest
 * error boundary when a component throws while rendering (or in an effect), so each view (a
 * chart, the readouts, the transport, a panel) sits in its own boundary: the failure replaces
 * that view only, with a compact message and "Try again", which renders it afresh.
 *
 * Errors outside React's render (a chart drawn from the animation-frame loop, a subscription)
 * reach the same boundary through {@link useReportError}.
 */
import { Component, useCallback, useState, type ReactNode } from "react";

/** Props of {@link ErrorBoundary}. */
export interface ErrorBoundaryProps {
  /** What the view is, for the message ("The queue depth chart"). */
  name: string;
  children?: ReactNode;
}

interface ErrorBoundaryState {
  error: unknown;
  failed: boolean;
}

/** The longest error text shown, characters (a huge message must not become a huge box). */
const MAX_DETAIL_CHARS = 200;

function detailOf(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.length > MAX_DETAIL_CHARS ? `${text.slice(0, MAX_DETAIL_CHARS - 1)}…` : text;
}

/** An error boundary around one view: on failure, a compact message with "Try again". */
export class ErrorBoundary extends Component<ErrorBoundaryProps, ErrorBoundaryState> {
  override state: ErrorBoundaryState = { error: null, failed: false };

  /** Switches to the fallback on the next render. */
  static getDerivedStateFromError(error: unknown): ErrorBoundaryState {
    return { error, failed: true };
  }

  private retry = () => this.setState({ error: null, failed: false });

  override render(): ReactNode {
    if (!this.state.failed) return this.props.children;
    return (
      <div className="view-error" role="alert" data-view={this.props.name}>
        <p>
          <strong>{this.props.name} could not be shown.</strong>{" "}
          <span className="view-error-detail">{detailOf(this.state.error)}</span>
        </p>
        <button type="button" className="btn btn-small" onClick={this.retry}>
          Try again
        </button>
      </div>
    );
  }
}

/**
 * A function that hands an error caught outside rendering to the nearest {@link ErrorBoundary}
 * (it is rethrown while the component renders, where a boundary can catch it).
 */
export function useReportError(): (error: unknown) => void {
  const [, setState] = useState(0);
  return useCallback((error: unknown) => {
    setState(() => {
      throw error;
    });
  }, []);
}
