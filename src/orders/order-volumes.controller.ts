import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { Roles } from '../common/auth/access.decorator.js';
import { ApiProblems, thrownBy } from '../common/http/api-problems.decorator.js';
import { MAX_VOLUME_ITEMS } from './domain/order-volume-item.js';
import { OrderVolumeBatchDto, OrderVolumeBatchResultDto, orderVolumeItems } from './dto/order-volumes.dto.js';
import { OrderException, OrderExceptionCode } from './order.exception.js';
import { OrderVolumesService } from './order-volumes.service.js';

@ApiTags('orders')
@Controller()
export class OrderVolumesController {
  constructor(private readonly volumes: OrderVolumesService) {}

  @Post('v1/order-volumes')
  @HttpCode(200)
  @Roles('integration', 'admin')
  @ApiOperation({
    summary: "Store up to 5,000 daily order counts; the last count sent for a supplier's day stands",
    description:
      "The booking system's daily order count per supplier, the complaint rate's denominator. Stores each valid item (a day already stored takes the new count; of two items for the same supplier and day in one batch the later one wins), reports each invalid one with its index and reasons, and answers 200 for the batch. Suppliers are named by supplierId or by supplierRef (their externalRef). More than 5,000 items → 413.",
  })
  @ApiOkResponse({ type: OrderVolumeBatchResultDto })
  @ApiProblems(
    thrownBy(() => orderVolumeItems({})),
    new OrderException(OrderExceptionCode.BATCH_TOO_LARGE, `A batch holds at most ${MAX_VOLUME_ITEMS} order counts (got 5200); split it`, [
      { field: 'volumes', message: `must hold at most ${MAX_VOLUME_ITEMS} items` },
    ]),
  )
  @ApiBody({ type: OrderVolumeBatchDto })
  // Checked by hand and item by item, like the review batch: a bad item is reported, not fatal.
  async store(@Body() body: object | undefined): Promise<OrderVolumeBatchResultDto> {
    return this.volumes.store(orderVolumeItems(body));
  }
}
