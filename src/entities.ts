import pg from 'pg';

import { DecisionEntity } from './decisions/decision.entity.js';
import { AdmissionApplicationEntity } from './governance/admission/admission-application.entity.js';
import { PolicyEntity } from './policies/policy.entity.js';
import { SupplierEntity } from './suppliers/supplier.entity.js';

// DATE columns stay 'YYYY-MM-DD' strings: parsing them into a Date shifts them by the local zone.
pg.types.setTypeParser(pg.types.builtins.DATE, (value: string) => value);

export const ENTITIES = [PolicyEntity, SupplierEntity, DecisionEntity, AdmissionApplicationEntity];
