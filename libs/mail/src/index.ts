export * from './dto/delivery.dto';
export * from './entities/mail-delivery.entity';
export * from './mail.module';
export * from './mail.service';
export * from './mail-transport';
export * from './render';
