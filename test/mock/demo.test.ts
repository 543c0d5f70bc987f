import { demo } from '../../examples/demo';

describe('npm run demo', () => {
  it('consumes back every message it produced on the embedded cluster', async () => {
    const lines: string[] = [];
    const result = await demo(2000, (line) => lines.push(line));
    expect(result).toEqual({ produced: 2000, consumed: 2000 });
    expect(lines.join('\n')).toMatch(/produced 2000 messages in \d+ ms \([\d,]+ msg\/s\)/);
    expect(lines.join('\n')).toContain('produced == consumed == 2000');
  }, 90000);
});
