import { exceptionRefusal, exceptionRefusalError, voteRefusal, voteRefusalError } from '../../../src/domain/election/permissions.js';

describe('voteRefusal: whether and why a person may vote now', () => {
  it('lets an eligible voter who has not voted vote while the election runs', () => {
    expect(voteRefusal({ status: 'running', eligible: true, voted: false })).toBeNull();
  });

  it('names a second ballot first, then time, then the roll', () => {
    expect(voteRefusal({ status: 'completed', eligible: false, voted: true })).toBe('ALREADY_VOTED');
    expect(voteRefusal({ status: 'upcoming', eligible: false, voted: false })).toBe('NOT_STARTED');
    expect(voteRefusal({ status: 'completed', eligible: false, voted: false })).toBe('ENDED');
    expect(voteRefusal({ status: 'running', eligible: false, voted: false })).toBe('NOT_ELIGIBLE');
  });

  it('turns each reason into an error with a stable code', () => {
    expect(voteRefusalError('ALREADY_VOTED').code).toBe('ALREADY_VOTED');
    expect(voteRefusalError('NOT_STARTED')).toMatchObject({ code: 'ELECTION_NOT_RUNNING', message: 'Voting has not started yet.' });
    expect(voteRefusalError('ENDED')).toMatchObject({ code: 'ELECTION_NOT_RUNNING', message: 'Voting has ended.' });
    expect(voteRefusalError('NOT_ELIGIBLE').code).toBe('VOTER_NOT_ELIGIBLE');
  });
});

describe("exceptionRefusal: Elekto's order", () => {
  it('checks the deadline, then eligibility, then an earlier request', () => {
    expect(exceptionRefusal({ exceptionOpen: false, eligible: true, filed: true })).toBe('WINDOW_CLOSED');
    expect(exceptionRefusal({ exceptionOpen: true, eligible: true, filed: true })).toBe('ALREADY_ELIGIBLE');
    expect(exceptionRefusal({ exceptionOpen: true, eligible: false, filed: true })).toBe('ALREADY_FILED');
    expect(exceptionRefusal({ exceptionOpen: true, eligible: false, filed: false })).toBeNull();
    expect(exceptionRefusalError('ALREADY_FILED').code).toBe('EXCEPTION_ALREADY_FILED');
  });
});
