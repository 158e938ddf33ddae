import { strict as assert } from 'assert';
import { checkSync } from 'recheck';
import { BASIC_ANYWHERE, ENHANCED_ANYWHERE, LEADING_BASIC, LEADING_CODE_COLON } from '../../src/core/parse';
import { STAGE_PATTERN } from '../../src/core/explain';

// Regular expressions that read untrusted log text must be linear: recheck proves it statically,
// which is sturdier than timing them.
describe('regular expressions of the reply parser', () => {
  for (const [name, re] of Object.entries({ LEADING_BASIC, LEADING_CODE_COLON, BASIC_ANYWHERE, ENHANCED_ANYWHERE, STAGE_PATTERN })) {
    it(`${name} cannot backtrack catastrophically`, function () {
      this.timeout(60_000);
      const result = checkSync(re.source, re.flags);
      assert.equal(result.status, 'safe', JSON.stringify(result));
    });
  }
});
