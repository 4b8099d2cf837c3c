print('etl')
