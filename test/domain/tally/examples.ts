/** Published ballot profiles used by several suites (sources cited where they are used). */
import type { Profile } from './ballots.js';

/** Wikipedia, "Schulze method": 45 voters, candidates A–E. Schulze: E > A > C > B > D. */
export const WIKIPEDIA_45: Profile = [
  ['A>C>B>E>D', 5],
  ['A>D>E>C>B', 5],
  ['B>E>D>A>C', 8],
  ['C>A>B>E>D', 3],
  ['C>A>E>B>D', 7],
  ['C>B>A>D>E', 2],
  ['D>C>E>B>A', 7],
  ['E>B>A>D>C', 8],
];

/** Wikipedia, "Ranked pairs" / "Minimax Condorcet" / "Copeland's method": Tennessee's capital, 100 voters (in %). */
export const TENNESSEE_CITIES = ['Memphis', 'Nashville', 'Chattanooga', 'Knoxville'];
export const TENNESSEE: Profile = [
  ['Memphis>Nashville>Chattanooga>Knoxville', 42],
  ['Nashville>Chattanooga>Knoxville>Memphis', 26],
  ['Chattanooga>Knoxville>Nashville>Memphis', 15],
  ['Knoxville>Chattanooga>Nashville>Memphis', 17],
];

/** Rob LeGrand, "Descriptions of ranked-ballot voting methods" (cs.wustl.edu/~legrand/rbvote/desc.html), 921 voters. */
export const LEGRAND_NAMES = ['Abby', 'Brad', 'Cora', 'Dave', 'Erin'];
export const LEGRAND: Profile = [
  ['Abby>Cora>Erin>Dave>Brad', 98],
  ['Brad>Abby>Erin>Cora>Dave', 64],
  ['Brad>Abby>Erin>Dave>Cora', 12],
  ['Brad>Erin>Abby>Cora>Dave', 98],
  ['Brad>Erin>Abby>Dave>Cora', 13],
  ['Brad>Erin>Dave>Abby>Cora', 125],
  ['Cora>Abby>Erin>Dave>Brad', 124],
  ['Cora>Erin>Abby>Dave>Brad', 76],
  ['Dave>Abby>Brad>Erin>Cora', 21],
  ['Dave>Brad>Abby>Erin>Cora', 30],
  ['Dave>Brad>Erin>Cora>Abby', 98],
  ['Dave>Cora>Abby>Brad>Erin', 139],
  ['Dave>Cora>Brad>Abby>Erin', 23],
];
