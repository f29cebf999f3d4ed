/**
 * Every benchmark suite `npm run bench` knows. Add a suite here to have it run; a suite prints
 * its own figures. `npm run bench -- NAME` runs the suites whose name contains NAME.
 */
import { appointmentsSuite } from './appointments.bench.ts';
import { backupSuite } from './backup.bench.ts';
import { databaseCheckSuite } from './database-check.bench.ts';
import { dispatchSuite } from './dispatch.bench.ts';
import { encryptionSuite } from './encryption.bench.ts';
import { fourModemsSuite } from './four-modems.bench.ts';
import { pduSuite } from './pdu.bench.ts';
import { plugInLatencySuite, plugInSendingSuite } from './plug-in.bench.ts';
import { searchSuite } from './search.bench.ts';
import { retentionSuite } from './retention.bench.ts';
import { uiScaleSuite } from './ui-scale.bench.ts';

export interface BenchSuite {
  name: string;
  run(): Promise<void>;
}

export const suites: readonly BenchSuite[] = [pduSuite, dispatchSuite, fourModemsSuite, uiScaleSuite, plugInLatencySuite, plugInSendingSuite, databaseCheckSuite, appointmentsSuite, searchSuite, encryptionSuite, retentionSuite, backupSuite];
