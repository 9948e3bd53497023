import { Module } from '@nestjs/common';

/** Order volumes: each supplier's daily order count, the complaint rate's denominator (owns `order_volumes`). */
@Module({
  imports: [],
  controllers: [],
  providers: [],
  exports: [],
})
export class OrdersModule {}
