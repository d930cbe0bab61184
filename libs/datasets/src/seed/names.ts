import type { SchoolKind } from '../models';

// Word lists for made-up but plausible place names. None is a real
// campus; combinations repeat at large sizes, which is fine for a demo.
const regionNames = [
  'Northern Rivers',
  'Hunter Valley',
  'Central Coast',
  'Riverina',
  'New England',
  'Illawarra',
  'Western Plains',
  'South Coast',
  'Metropolitan North',
  'Metropolitan South',
  'Blue Mountains',
  'Central West',
  'Far West',
  'Mid North Coast',
  'Southern Tablelands',
  'Murray',
] as const;

const placeStarts = [
  'Ash Bel Clare Dun Elm Fern Glen Hazel Iron Kings Lake Maple',
  'North Oak Pine Queens River Stone Thorn West Willow Wattle Red Silver',
]
  .join(' ')
  .split(' ');

const placeEnds = [
  'brook field grove haven mont ridge vale wood',
  'bank ford hill leigh port stone view water',
]
  .join(' ')
  .split(' ');

const kindLabels: Record<SchoolKind, string> = {
  primary: 'Public School',
  secondary: 'High School',
  combined: 'Central School',
};

/** `Hunter Valley`, then `Hunter Valley 2` once the list is used up. */
export function regionName(index: number): string {
  const base = regionNames[index % regionNames.length] ?? 'Region';
  const round = Math.floor(index / regionNames.length);
  return round === 0 ? base : `${base} ${round + 1}`;
}

export function schoolName(
  pick: <T>(items: readonly T[]) => T,
  kind: SchoolKind,
): string {
  return `${pick(placeStarts)}${pick(placeEnds)} ${kindLabels[kind]}`;
}
