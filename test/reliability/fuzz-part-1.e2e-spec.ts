import { fuzzOperations } from './fuzz';

fuzzOperations(0);
