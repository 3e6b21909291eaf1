import type { ResourceResponse } from '../api/api-types.js';

/** The selection after a box is ticked or unticked; one resource at most when not `multiple`. */
export function toggleSelection(selected: ResourceResponse[], resource: ResourceResponse, on: boolean, multiple: boolean): ResourceResponse[] {
  if (!on) return selected.filter((r) => r.id !== resource.id);
  if (!multiple) return [resource];
  return selected.some((r) => r.id === resource.id) ? selected : [...selected, resource];
}

/** The `course` query of GET /api/resources, as the source <select> holds it. */
export type SourceValue = 'current' | 'all' | `course:${string}`;

export function sourceParam(value: SourceValue): 'current' | 'all' | { courseId: string } {
  return value === 'current' || value === 'all' ? value : { courseId: value.slice('course:'.length) };
}
