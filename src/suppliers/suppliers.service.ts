import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

import { assertCategoryAccess } from '../common/auth/category-access.js';
import type { Principal } from '../common/auth/principal.js';
import { PoliciesService } from '../policies/policies.service.js';
import type { Supplier } from './domain/supplier.js';
import { SupplierException, SupplierExceptionCode } from './supplier.exception.js';
import { SuppliersRepository } from './suppliers.repository.js';

export interface NewSupplier {
  externalRef: string;
  name: string;
  category: string;
  city?: string;
  themes?: string[];
}

const UNIQUE_VIOLATION = '23505';

@Injectable()
export class SuppliersService {
  constructor(
    private readonly repository: SuppliersRepository,
    private readonly policies: PoliciesService,
  ) {}

  async create(input: NewSupplier, principal: Principal): Promise<Supplier> {
    assertCategoryAccess(principal, input.category);
    if (!(await this.policies.findLatest(input.category))) {
      throw new SupplierException(
        SupplierExceptionCode.UNKNOWN_CATEGORY,
        `Category "${input.category}" has no policy; publish one with PUT /v1/policies/${input.category} first`,
        [{ field: 'category', message: 'has no policy' }],
      );
    }
    try {
      return await this.repository.insert({
        externalRef: input.externalRef,
        name: input.name.trim(),
        category: input.category,
        city: input.city?.trim() ?? null,
        themes: [...new Set((input.themes ?? []).map((t) => t.trim().toLowerCase()).filter(Boolean))],
      });
    } catch (error) {
      if ((error as { code?: string }).code === UNIQUE_VIOLATION) {
        throw new SupplierException(
          SupplierExceptionCode.DUPLICATE_EXTERNAL_REF,
          `A supplier with externalRef "${input.externalRef}" already exists`,
          [{ field: 'externalRef', message: 'is already used by another supplier' }],
        );
      }
      throw error;
    }
  }

  /**
   * Registers suppliers that do not exist yet (by externalRef), as applicants of one category;
   * existing ones are left as they are. Returns how many were created. Used by bulk imports.
   */
  async createMissing(category: string, seeds: Array<{ externalRef: string; name: string; city?: string }>): Promise<number> {
    if (!(await this.policies.findLatest(category))) {
      throw new SupplierException(
        SupplierExceptionCode.UNKNOWN_CATEGORY,
        `Category "${category}" has no policy; publish one first (PUT /v1/policies/${category})`,
      );
    }
    return this.repository.insertMissing(
      category,
      seeds.map((s) => ({ externalRef: s.externalRef, name: s.name.trim().slice(0, 300), city: s.city?.trim().slice(0, 120) ?? null })),
    );
  }

  async get(id: string): Promise<Supplier> {
    const supplier = await this.repository.find(id);
    if (!supplier) throw new SupplierException(SupplierExceptionCode.SUPPLIER_NOT_FOUND, `Supplier ${id} does not exist`);
    return supplier;
  }

  /** The supplier, if the caller may see its category (403 otherwise). */
  async getVisible(id: string, principal: Principal): Promise<Supplier> {
    const supplier = await this.get(id);
    assertCategoryAccess(principal, supplier.category);
    return supplier;
  }

  /**
   * Locks the supplier row for a change of standing in the caller's transaction (404 when
   * unknown, 403 when the caller does not manage its category). Every manual change starts here.
   */
  async lockForChange(manager: EntityManager, id: string, principal: Principal): Promise<Supplier> {
    const supplier = await this.repository.lock(manager, id);
    if (!supplier) throw new SupplierException(SupplierExceptionCode.SUPPLIER_NOT_FOUND, `Supplier ${id} does not exist`);
    assertCategoryAccess(principal, supplier.category);
    return supplier;
  }
}
