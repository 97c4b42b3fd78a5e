/** Names the registry gives ids: campaign id -> campaign name, charity USCC -> charity name. */
export interface RegistryNames {
  campaigns: ReadonlyMap<string, string>;
  charities: ReadonlyMap<string, string>;
}

export const NO_NAMES: RegistryNames = { campaigns: new Map(), charities: new Map() };

/** The names of the ids a page shows (a snapshot carries no more than its top lists need). */
export function namesOf(
  names: RegistryNames,
  shown: { campaigns: Iterable<string>; charities: Iterable<string> },
): { campaigns: Record<string, string>; charities: Record<string, string> } {
  const pick = (all: ReadonlyMap<string, string>, ids: Iterable<string>) => {
    const picked: Record<string, string> = {};
    for (const id of ids) {
      const name = all.get(id);
      if (name !== undefined) picked[id] = name;
    }
    return picked;
  };
  return {
    campaigns: pick(names.campaigns, shown.campaigns),
    charities: pick(names.charities, shown.charities),
  };
}
