import { statusDisplay } from './job-status';

describe('statusDisplay', () => {
  it('tells a completion with failed items from a clean one', () => {
    expect(statusDisplay('completed', 0)).toEqual({
      label: 'Completed',
      icon: 'check_circle',
      tone: 'completed',
    });
    expect(statusDisplay('completed', 3)).toEqual({
      label: 'Completed with 3 failed',
      icon: 'warning',
      tone: 'partial',
    });
  });

  it('keeps every other status as it is, failures or not', () => {
    expect(statusDisplay('failed', 7)).toMatchObject({ label: 'Failed', tone: 'failed' });
    expect(statusDisplay('running', 2)).toMatchObject({ label: 'Running', tone: 'running' });
  });
});
