import { javascript } from '@codemirror/lang-javascript';
import { type Diagnostic, setDiagnostics } from '@codemirror/lint';
import { EditorState, RangeSetBuilder, StateEffect, StateField } from '@codemirror/state';
import { Decoration, type DecorationSet, EditorView } from '@codemirror/view';
import { basicSetup } from 'codemirror';

/** A line to mark: 1-based, with the CSS class that colours it. */
export interface LineMark {
  line: number;
  className: string;
  label: string;
}

const setMarks = StateEffect.define<LineMark[]>();

const marksField = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(deco, tr) {
    for (const e of tr.effects) if (e.is(setMarks)) return decorationsFor(tr.state, e.value);
    return tr.docChanged ? Decoration.none : deco;
  },
  provide: (f) => EditorView.decorations.from(f),
});

function decorationsFor(state: EditorState, marks: LineMark[]): DecorationSet {
  const b = new RangeSetBuilder<Decoration>();
  const byLine = new Map<number, LineMark[]>();
  for (const m of marks)
    if (m.line >= 1 && m.line <= state.doc.lines) byLine.set(m.line, [...(byLine.get(m.line) ?? []), m]);
  for (const line of [...byLine.keys()].sort((a, c) => a - c)) {
    const ms = byLine.get(line)!;
    const attrs = { 'data-threads': ms.map((m) => m.label).join(', '), title: ms.map((m) => m.label).join(', ') };
    b.add(
      state.doc.line(line).from,
      state.doc.line(line).from,
      Decoration.line({ class: ms.map((m) => m.className).join(' '), attributes: attrs }),
    );
  }
  return b.finish();
}

/** The program editor: CodeMirror 6 with TypeScript highlighting, line marks and error diagnostics. */
export class ProgramEditor {
  readonly view: EditorView;

  constructor(parent: HTMLElement, onChange: () => void) {
    this.view = new EditorView({
      parent,
      state: EditorState.create({
        doc: '',
        extensions: [
          basicSetup,
          javascript({ typescript: true }),
          marksField,
          EditorView.contentAttributes.of({ 'aria-label': 'Program' }),
          EditorView.updateListener.of((u) => {
            if (u.docChanged) onChange();
          }),
        ],
      }),
    });
  }

  get text(): string {
    return this.view.state.doc.toString();
  }

  set text(text: string) {
    this.view.dispatch({ changes: { from: 0, to: this.view.state.doc.length, insert: text } });
  }

  /** Colours these lines (each thread's current line, or a line clicked in the timeline). */
  mark(marks: LineMark[], scrollTo?: number): void {
    const effects: StateEffect<unknown>[] = [setMarks.of(marks)];
    if (scrollTo !== undefined && scrollTo >= 1 && scrollTo <= this.view.state.doc.lines) {
      effects.push(EditorView.scrollIntoView(this.view.state.doc.line(scrollTo).from, { y: 'center' }));
    }
    this.view.dispatch({ effects });
  }

  /** Shows an error at a line and column (both from 1) in the editor; null clears it. */
  showError(error: { line: number; column: number; message: string } | null): void {
    const doc = this.view.state.doc;
    const diagnostics: Diagnostic[] = [];
    if (error !== null && error.line <= doc.lines) {
      const line = doc.line(error.line);
      const from = Math.min(line.from + error.column - 1, line.to);
      diagnostics.push({ from, to: Math.min(from + 1, doc.length), severity: 'error', message: error.message });
    }
    this.view.dispatch(setDiagnostics(this.view.state, diagnostics));
  }
}
