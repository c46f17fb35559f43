import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/** The WCAG levels every screen is checked against. */
const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** Fails naming `where`, each rule axe-core finds broken and the elements that break it (within `include`, or the page). */
export async function expectNoAxeViolations(page: Page, where: string, include?: string): Promise<void> {
  const builder = new AxeBuilder({ page }).withTags(WCAG);
  const { violations } = await (include === undefined ? builder : builder.include(include)).analyze();
  expect(
    violations.map((v) => `${where}: ${v.id} (${v.nodes.length}) ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    where,
  ).toEqual([]);
}
