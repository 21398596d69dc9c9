// A TypeDoc plugin: leaves out the members keyed by the library's internal symbols
// (`[HOLDERS]`, `[DESCRIBE]`, `[IS_OWNED]`, ...). They are the protocol between the primitives
// and the scheduler, not API: a user cannot even name their keys, which are never exported.
import { Converter, ReflectionKind } from 'typedoc';

const MEMBERS = ReflectionKind.Property | ReflectionKind.Method | ReflectionKind.Accessor;

/** @param {import('typedoc').Application} app */
export function load(app) {
  app.converter.on(Converter.EVENT_RESOLVE_BEGIN, (context) => {
    for (const member of context.project.getReflectionsByKind(MEMBERS)) {
      if (/^\[[A-Z_]+\]$/.test(member.name)) context.project.removeReflection(member);
    }
  });
}
